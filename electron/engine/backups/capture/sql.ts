// An SQL identifier quoted for SQLite: table and column names read from the database's own schema.
export const quoteId = (name: string): string => `"${name.replace(/"/g, '""')}"`;
