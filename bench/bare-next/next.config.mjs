/** The bare reference app of bench/page-weight.ts: Next's defaults. */
export default {};
