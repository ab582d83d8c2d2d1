/**
 * Every application kind, imported once for its registration side effect.
 * Anything that looks kinds up by key (queues, tasks, review pages, the engine)
 * imports `@/lib/platform/workflow` which imports this file.
 */
import './accreditation/pre-application/kind';
import './accreditation/field-change/kind';
