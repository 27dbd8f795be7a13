// Fixtures and a refusal helper for the broker importer tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { parseBrokerFile, type BrokerFileInput } from '../../../../electron/engine/reconcile/importers';
import type { CsvMapping } from '../../../../shared/api/reconcile';
import { LifeboatError } from '../../../../shared/result';

export const FIXTURES = fileURLToPath(new URL('../../../fixtures/broker/', import.meta.url));

export const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

export const csvMapping = (): CsvMapping => JSON.parse(fixture('positions.mapping.json')) as CsvMapping;

/** Parses a fixture by name (the name is also the file name in messages). */
export const parseFixture = (name: string, more: Partial<BrokerFileInput> = {}) => parseBrokerFile({ fileName: name, text: fixture(name), ...more });

/** The bad_request a parse ends in; fails the test if the input is accepted. */
export function refusal(input: BrokerFileInput): LifeboatError {
  try {
    parseBrokerFile(input);
  } catch (err) {
    expect(err).toBeInstanceOf(LifeboatError);
    expect((err as LifeboatError).code).toBe('bad_request');
    return err as LifeboatError;
  }
  throw new Error(`${input.fileName} was accepted`);
}

export const fixtureRefusal = (name: string, more: Partial<BrokerFileInput> = {}) => refusal({ fileName: name, text: fixture(name), ...more });
