import type { Draft } from 'immer';
import type { ArrayState, VlunTemplate } from './state.ts';

/** Templates are keyed by `vol,lun,host,nsp` (empty parts for what is absent), the text clients put in URLs. */
export function vlunKey(volumeName: string, lun: number, hostname: string | undefined, portPos: string | undefined): string {
  return `${volumeName},${lun},${hostname ?? ''},${portPos ?? ''}`;
}

/** After a rename the templates naming the old volume/host/set carry the new name, under their new key. */
export function renameInTemplates(array: Draft<ArrayState>, field: 'volumeName' | 'hostname', from: string, to: string): void {
  for (const t of Object.values(array.vluns)) {
    if (t[field] !== from) continue;
    const next: VlunTemplate = { ...(t as VlunTemplate), [field]: to };
    const key = vlunKey(next.volumeName, next.lun, next.hostname, next.portPos);
    delete array.vluns[t.key];
    array.vluns[key] = { ...next, key };
  }
}
