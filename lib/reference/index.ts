/**
 * PRC reference data (regions, ethnic groups, nationalities, education,
 * ID types) and validators. See README.md for sources.
 */
export * from './regions';
export * from './ethnicities';
export * from './nationalities';
export * from './education';
export * from './id-types';
export * from './validators';
export * from './majors';
export * from './localized';
