import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../../renderer/features/search/parse-query';

describe('parseQuery', () => {
  it('ANDs plain words and treats the word being typed as a prefix', () => {
    expect(parseQuery('ballet sequ')).toMatchObject({ words: ['ballet'], prefix: 'sequ' });
  });

  it('matches the last word whole once a space follows it', () => {
    expect(parseQuery('ballet sequence ')).toMatchObject({ words: ['ballet', 'sequence'], prefix: null });
  });

  it('ignores a one-letter last word until it grows', () => {
    expect(parseQuery('baton b')).toMatchObject({ words: ['baton'], prefix: null });
  });

  it('keeps quoted phrases in order and requires their words', () => {
    const query = parseQuery('"See this baton" rehearsal ');
    expect(query.phrases).toEqual([['see', 'this', 'baton']]);
    expect(query.words).toEqual(['rehearsal', 'see', 'this', 'baton']);
    expect(query.prefix).toBeNull();
  });

  it('reads an unclosed quote as a phrase running to the end', () => {
    expect(parseQuery('"follow it').phrases).toEqual([['follow', 'it']]);
  });

  it('excludes -words and -"phrases" without requiring them', () => {
    const query = parseQuery('scene -carriage -"red shoes" ');
    expect(query.words).toEqual(['scene']);
    expect(query.excludedWords).toEqual(['carriage']);
    expect(query.excludedPhrases).toEqual([['red', 'shoes']]);
  });

  it('excludes a hyphenated word as a phrase', () => {
    expect(parseQuery('film -blu-ray ').excludedPhrases).toEqual([['blu', 'ray']]);
  });

  it('reads author:name and author:"two words" as author filters, folded', () => {
    const query = parseQuery('author:Steve_C author:"Zoë Ångström" mirror ');
    expect(query.authors).toEqual(['steve_c', 'zoe angstrom']);
    expect(query.words).toEqual(['mirror']);
  });

  it('folds case and accents in every part', () => {
    expect(parseQuery('CAFÉ "Naïve Élan" -Déjà ')).toMatchObject({ words: ['cafe', 'naive', 'elan'], phrases: [['naive', 'elan']], excludedWords: ['deja'] });
  });

  it('treats a word that folds into several as a phrase', () => {
    expect(parseQuery('blu-ray transfer ').phrases).toEqual([['blu', 'ray']]);
  });

  it('finds nothing to look for in an empty or punctuation-only query', () => {
    expect(parseQuery('  ... ')).toEqual({ words: [], prefix: null, phrases: [], excludedWords: [], excludedPhrases: [], authors: [] });
  });
});
