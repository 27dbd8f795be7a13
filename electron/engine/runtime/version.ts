// The build stamps the version in (esbuild `define`); unbundled code (tests) reads "dev".
declare const LIFEBOAT_VERSION: string | undefined;

export const VERSION: string = typeof LIFEBOAT_VERSION === 'string' ? LIFEBOAT_VERSION : 'dev';
