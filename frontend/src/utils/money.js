/**
 * Money as integer paise (hundredths), so sums and products never go through floats.
 * The API writes money as a string with two decimals ("50.00").
 */

/** "50.00" -> 5000; "7" -> 700; "-1.5" -> -150 */
export function toPaise(amount) {
  const text = String(amount ?? '0').trim();
  const match = /^(-)?(\d*)(?:\.(\d{0,2}))?$/.exec(text);
  if (!match) throw new Error(`Not an amount of money: ${text}`);
  const [, minus, whole, fraction = ''] = match;
  const paise = Number(whole || '0') * 100 + Number(fraction.padEnd(2, '0'));
  return minus ? -paise : paise;
}

/** 5000 -> "50.00" */
export function fromPaise(paise) {
  const sign = paise < 0 ? '-' : '';
  const abs = Math.abs(paise);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
