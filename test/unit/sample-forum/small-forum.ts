// A small forum store for the sample forum unit tests.
import { ForumStore } from '../../../main/sample-forum/forum-store';

/** Two users and one category (id 3), on a clock that moves a minute per timestamp. */
export function smallForum(): ForumStore {
  let clock = Date.UTC(2020, 0, 1);
  const store = new ForumStore({ site: { title: 'T', description: 'D' }, now: () => new Date((clock += 60_000)) });
  store.addUser({ username: 'alice', name: 'Alice' });
  store.addUser({ username: 'bob', name: 'Bob' });
  store.addCategory({ id: 3, name: 'General' });
  return store;
}
