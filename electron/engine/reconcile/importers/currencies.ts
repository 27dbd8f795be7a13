// The currency codes a broker snapshot may carry cash in. A code outside this list is far more
// often a typo or a column mix-up ("XYZ", a symbol in the currency column) than a real currency,
// so it is refused rather than reconciled against nothing.

/** ISO 4217 codes in current use, plus precious metals (XAU, XAG, XPT, XPD). */
const ISO_4217 = `
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD
CAD CDF CHF CLP CNY CNH COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP
GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD
KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK
NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD
SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD
XOF XPF YER ZAR ZMW ZWL XAU XAG XPT XPD
`;

/** Crypto assets and stablecoins that exchanges commonly hold balances in. */
const CRYPTO = `
BTC ETH USDT USDC DAI BUSD TUSD USDP FDUSD PYUSD EURC EURT SOL XRP ADA DOGE DOT AVAX LINK LTC BNB
MATIC POL TRX BCH XLM ATOM ETC XMR UNI AAVE NEAR APT ARB OP SHIB TON FIL ICP HBAR VET ALGO XTZ EOS
SUI SEI INJ WBTC WETH STETH MKR CRV COMP SAND MANA AXS GRT RUNE TIA PEPE
`;

export const KNOWN_CURRENCIES: ReadonlySet<string> = new Set([...ISO_4217.split(/\s+/), ...CRYPTO.split(/\s+/)].filter(Boolean));

/** The code as stored: trimmed and upper-case ("usdt " → "USDT"). */
export function normaliseCurrency(code: string): string {
  return code.trim().toUpperCase();
}

/** Why `code` (already normalised) is not a currency Lifeboat knows, or null when it is one. */
export function currencyProblem(code: string): string | null {
  if (code === '') return 'the currency is empty';
  if (!/^[A-Z0-9]{2,10}$/.test(code)) return `${JSON.stringify(code)} is not a currency code (like "USD" or "BTC")`;
  if (!KNOWN_CURRENCIES.has(code)) return `unknown currency "${code}" (not an ISO 4217 code or a known crypto asset)`;
  return null;
}
