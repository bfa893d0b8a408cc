/** reesim's version, as in package.json (kept in step by test/unit/version.test.ts). */
export const VERSION = '0.6.0';
