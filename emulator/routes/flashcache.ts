import { REQUEST_BODIES } from '../../contracts/requests.ts';
import { createFlashCache, deleteFlashCache, getFlashCache } from '../model/flashcache.ts';
import { arrayState, link, readBody, reply, run, type Handler } from './context.ts';

export const flashCacheHandlers: Record<string, Handler> = {
  getFlashCache(c, s) {
    const fc = getFlashCache(arrayState(s));
    // state 1 NORMAL; the emulator has no cache traffic, so nothing is in use.
    return reply(c, 200, { mode: fc.mode, sizeGiB: fc.sizeGiB, state: 1, usedSizeGiB: 0 });
  },

  async createFlashCache(c, s) {
    const body = await readBody<{ flashCache: { sizeGiB: number; mode?: number; RAIDType?: number; noCheckSCMSize?: boolean } }>(c, s, REQUEST_BODIES.createFlashCache);
    run(c, s, createFlashCache(body.flashCache));
    // The Ruby SDK's recorded reply: this Location (trailing slash) and a links body.
    return reply(c, 201, { links: [link(s, 'flashcache', 'flashcacheCreated')] }, { Location: '/api/v1/flashcache/' });
  },

  deleteFlashCache(c, s) {
    run(c, s, deleteFlashCache);
    return reply(c, 200);
  },
};
