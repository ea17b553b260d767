// What the Search view is asking: the text in the "Search posts" box, the filters and the order.
import { create } from 'zustand';
import { NO_FILTERS, type SearchFilters, type SearchSort } from './search-types';

/** Hits shown at first, and added by each "Show more". */
export const PAGE_SIZE = 30;

interface SearchStore {
  query: string;
  filters: SearchFilters;
  sort: SearchSort;
  limit: number;
  setQuery(query: string): void;
  setFilters(change: Partial<SearchFilters>): void;
  setSort(sort: SearchSort): void;
  showMore(): void;
  clearFilters(): void;
}

export const useSearch = create<SearchStore>()((set) => ({
  query: '',
  filters: NO_FILTERS,
  sort: 'relevance',
  limit: PAGE_SIZE,
  setQuery: (query) => set({ query, limit: PAGE_SIZE }),
  setFilters: (change) => set((state) => ({ filters: { ...state.filters, ...change }, limit: PAGE_SIZE })),
  setSort: (sort) => set({ sort, limit: PAGE_SIZE }),
  showMore: () => set((state) => ({ limit: state.limit + PAGE_SIZE })),
  clearFilters: () => set({ filters: NO_FILTERS, limit: PAGE_SIZE }),
}));

export const filtersAreSet = (filters: SearchFilters): boolean =>
  filters.forumId !== null || filters.boardId !== null || filters.threadId !== null || filters.author.trim() !== '' || filters.from !== '' || filters.to !== '' || filters.bookmarkedOnly;
