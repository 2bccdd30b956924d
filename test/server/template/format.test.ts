// Binary and hex floats (%b, %x, %X), as Go's strconv.FormatFloat writes them for float64.
// The expected strings are Go's own (its strconv test table and documented examples):
// shortest hex fraction, rounding half to even at a precision, a two-digit power of two.
import { describe, expect, it } from 'vitest';
import { alertmanagerTemplates } from '../../../server/template';
import { formatFloat } from '../../../server/template/format';

/** Go's hex literal 0x1.<frac>p0 (TypeScript has no hex float literals). */
const hx = (frac: string): number => 1 + parseInt(frac, 16) / 16 ** frac.length;

describe('formatFloat, hex (x / X)', () => {
  it('writes the shortest fraction when no precision is given', () => {
    expect([1, 1.5, hx('08'), hx('00c'), 0].map((x) => formatFloat(x, 'x', -1))).toEqual(['0x1p+00', '0x1.8p+00', '0x1.08p+00', '0x1.00cp+00', '0x0p+00']);
    expect(formatFloat(-0, 'X', -1)).toBe('-0X0P+00');
    expect(formatFloat(3.5, 'x', -1)).toBe('0x1.cp+01');
    expect(formatFloat(2 ** -24, 'x', 4)).toBe('0x1.0000p-24');
    expect(formatFloat(2 ** -1074, 'x', -1)).toBe('0x1p-1074');
  });

  it('rounds half to even at a precision, carrying into the exponent', () => {
    expect(formatFloat(hx('7'), 'x', 0)).toBe('0x1p+00');
    expect(formatFloat(hx('8'), 'x', 0)).toBe('0x1p+01');
    expect(formatFloat(hx('08'), 'x', 1)).toBe('0x1.0p+00');
    expect(formatFloat(hx('18'), 'x', 1)).toBe('0x1.2p+00');
    expect(formatFloat(hx('018'), 'x', 2)).toBe('0x1.02p+00');
    expect(formatFloat(hx('ffc0'), 'X', 3)).toBe('0X1.FFCP+00');
    expect(formatFloat(hx('ffc0'), 'x', 4)).toBe('0x1.ffc0p+00');
  });

  it('leaves infinities and NaN as the other verbs do', () => {
    expect([Infinity, -Infinity, NaN].map((x) => formatFloat(x, 'X', -1))).toEqual(['+Inf', '-Inf', 'NaN']);
  });
});

describe('formatFloat, binary (b)', () => {
  it('writes the integer mantissa and the power of two', () => {
    expect(formatFloat(1, 'b', -1)).toBe('4503599627370496p-52');
    expect(formatFloat(-1.5, 'b', -1)).toBe('-6755399441055744p-52');
    expect(formatFloat(0, 'b', -1)).toBe('0p-1074');
    expect(formatFloat(2 ** 60, 'b', -1)).toBe('4503599627370496p+8');
  });
});

describe('printf with %b and %x on a float', () => {
  it('formats through the template functions', () => {
    const text = '{{ printf "%x|%X|%.2x|%b|%8.1x" 1.5 -255.0 0.3333333333333333 1.0 1.0 }}';
    expect(alertmanagerTemplates().executeText(text, {})).toBe('0x1.8p+00|-0X1.FEP+07|0x1.55p-02|4503599627370496p-52|0x1.0p+00');
  });
});
