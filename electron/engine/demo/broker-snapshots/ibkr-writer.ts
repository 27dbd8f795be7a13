// The demo desk's accounts as an IBKR Activity Flex statement: one FlexStatement per account with
// OpenPositions (SUMMARY rows, stocks) and a CashReport (a BASE_SUMMARY row first, as IBKR writes it),
// every value the exact decimal text. No orders: Flex statements list executions, not working orders.
import type { BrokerAccountSnapshot } from '../../../../shared/api/reconcile';
import { isoToFlexTime } from '../../reconcile/importers';

const escape = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const element = (name: string, attrs: Record<string, string | null>) =>
  `<${name} ${Object.entries(attrs).map(([k, v]) => `${k}="${escape(v ?? '')}"`).join(' ')} />`;

export function writeIbkrFlex(accounts: BrokerAccountSnapshot[], asOf: string, baseCurrency: (accountId: string) => string): string {
  const day = isoToFlexTime(asOf).slice(0, 8);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<FlexQueryResponse queryName="lifeboat-demo" type="AF">', `<FlexStatements count="${accounts.length}">`];
  for (const a of accounts) {
    lines.push(`<FlexStatement accountId="${escape(a.accountId)}" fromDate="${day}" toDate="${day}" period="LastBusinessDay" whenGenerated="${isoToFlexTime(asOf)}">`);
    if (a.cash) {
      lines.push('<CashReport>');
      // The demo has no exchange rates: its base summary is the base currency alone (the importer skips the row).
      const base = a.cash.find((c) => c.currency === baseCurrency(a.accountId))?.amount ?? '0';
      lines.push(element('CashReportCurrency', { accountId: a.accountId, currency: 'BASE_SUMMARY', levelOfDetail: 'BaseCurrency', endingCash: base }));
      for (const c of a.cash) lines.push(element('CashReportCurrency', { accountId: a.accountId, currency: c.currency, levelOfDetail: 'Currency', endingCash: c.amount, endingSettledCash: c.amount }));
      lines.push('</CashReport>');
    }
    if (a.positions) {
      lines.push('<OpenPositions>');
      for (const p of a.positions) {
        const short = p.quantity.startsWith('-');
        lines.push(
          element('OpenPosition', {
            accountId: a.accountId,
            assetCategory: p.contracts?.assetClass ?? 'STK',
            symbol: p.symbol,
            multiplier: p.contracts?.multiplier ?? '1',
            reportDate: day,
            position: p.quantity,
            costBasisPrice: p.avgPrice,
            side: short ? 'Short' : 'Long',
            levelOfDetail: 'SUMMARY',
          }),
        );
      }
      lines.push('</OpenPositions>');
    }
    lines.push('</FlexStatement>');
  }
  lines.push('</FlexStatements>', '</FlexQueryResponse>');
  return lines.join('\n') + '\n';
}
