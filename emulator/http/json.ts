/**
 * The array writes compact JSON. A few figures are floats printed with a decimal point even when whole
 * (`"totalCapacityMiB":7307264.0`), which JSON.stringify cannot do: such values are wrapped in WireFloat.
 */
const TAG = '\u0000float:';
const TAGGED = /"\\u0000float:([^"]*)"/g;

export class WireFloat {
  constructor(readonly value: number) {}
  toJSON(): string {
    const v = this.value;
    return TAG + (Number.isInteger(v) ? `${v}.0` : String(v));
  }
}

/** Round to the decimals the array prints and keep the float form. */
export function wireFloat(value: number, decimals?: number): WireFloat {
  return new WireFloat(decimals === undefined ? value : Number(value.toFixed(decimals)));
}

export function toWireJson(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes('\\u0000float:') ? text.replace(TAGGED, '$1') : text;
}
