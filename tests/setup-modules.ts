// The composition root, as instrumentation.ts loads it at server start: every module registers with the platform.
import '@/lib/modules';
