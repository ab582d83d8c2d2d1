/**
 * PRC reference data (regions, ethnic groups, nationalities, education, ID
 * types) and validators. See README.md for sources. Server-side entry: it
 * includes the region tree, which the browser never loads (client code imports
 * provinces.ts and the other files directly).
 */
export * from './regions';
export * from './provinces';
export * from './region-checks';
export * from './ethnicities';
export * from './nationalities';
export * from './education';
export * from './id-types';
export * from './validators';
export * from './majors';
export * from './localized';
