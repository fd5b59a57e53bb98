import { describe, expect, it } from 'vitest';
import { mergeHandlers, type Handlers } from './handlers';

describe('mergeHandlers', () => {
  it('joins the modules’ tables into one', () => {
    const servers = { 'servers.list': () => [] } satisfies Handlers;
    const network = { 'network.prompts': () => [] } satisfies Handlers;
    const merged = mergeHandlers(servers, network);
    expect(Object.keys(merged).sort()).toEqual(['network.prompts', 'servers.list']);
    expect(merged['servers.list']).toBe(servers['servers.list']);
    expect(merged['network.prompts']).toBe(network['network.prompts']);
  });

  it('refuses a channel two modules both answer, at start', () => {
    const one = { 'servers.list': () => [] } satisfies Handlers;
    const other = { 'servers.list': () => [] } satisfies Handlers;
    expect(() => mergeHandlers(one, other)).toThrow('Two modules answer servers.list.');
  });
});
