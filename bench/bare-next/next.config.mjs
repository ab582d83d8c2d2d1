/** The bare reference app of bench/page-weight.ts: Next's defaults. */
const config = {};
export default config;
