// One CSV row as a position, an order or a cash balance, with the same sign and status rules
// as the JSON formats.
import type { BrokerCash, BrokerOrder, BrokerPosition } from '../../../../shared/api/reconcile';
import type { CsvCells } from './csv-cells';
import { currencyProblem, normaliseCurrency } from './currencies';
import { fillProblem, signedQuantity } from './quantities';
import { orderStatusFrom, orderStatusProblem, settleStatus } from './statuses';

export function readPositionRow(c: CsvCells): BrokerPosition | undefined {
  const symbol = c.required('symbol', 'position');
  const quantity = c.decimal('quantity', 'position', {}, true);
  const avgPrice = c.decimal('avgPrice', 'position', { positive: true }, false);
  const side = c.oneOf('side', ['long', 'short'] as const);
  if (!symbol || !quantity || avgPrice === undefined || side === undefined) return undefined;
  const signed = signedQuantity(quantity, side);
  if (signed.problem !== undefined) return c.fail('quantity', signed.problem);
  return { at: `line ${c.rec.line}`, symbol, quantity: signed.value, avgPrice };
}

export function readOrderRow(c: CsvCells): BrokerOrder | undefined {
  const brokerOrderId = c.cell('orderId');
  const clientOrderId = c.cell('clientOrderId');
  const symbol = c.required('symbol', 'order');
  const sideText = c.required('side', 'order');
  const side = sideText === undefined ? undefined : c.oneOf('side', ['buy', 'sell'] as const);
  const quantity = c.decimal('quantity', 'order', { positive: true }, true);
  const limitPrice = c.decimal('limitPrice', 'order', { positive: true }, false);
  const statusText = c.cell('status');
  const status = statusText === null ? 'open' : (orderStatusFrom(statusText) ?? c.fail('status', orderStatusProblem(statusText)));
  const filledGiven = c.decimal('filledQuantity', 'order', { nonNegative: true }, false);
  if (brokerOrderId === null && clientOrderId === null) {
    if (!c.mapped('orderId') && !c.mapped('clientOrderId')) return void c.required('orderId', 'order');
    return c.fail(c.mapped('orderId') ? 'orderId' : 'clientOrderId', 'an order row needs an order id or a client order id');
  }
  if (!symbol || !side || !quantity || limitPrice === undefined || !status || filledGiven === undefined) return undefined;
  const filled = filledGiven ?? (status === 'filled' ? quantity : '0');
  const problem = fillProblem(quantity, filled);
  if (problem) return c.fail('filledQuantity', problem);
  return { at: `line ${c.rec.line}`, brokerOrderId, clientOrderId, symbol, side, quantity, filledQuantity: filled, limitPrice, status: settleStatus(status, filled) };
}

export function readCashRow(c: CsvCells): BrokerCash | undefined {
  const code = c.required('currency', 'cash');
  const amount = c.decimal('amount', 'cash', {}, true);
  if (code === undefined || !amount) return undefined;
  const currency = normaliseCurrency(code);
  const problem = currencyProblem(currency);
  if (problem) return c.fail('currency', problem);
  return { at: `line ${c.rec.line}`, currency, amount };
}
