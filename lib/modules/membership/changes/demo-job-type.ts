import { z } from 'zod';
import { jobType } from '@/lib/platform/jobs';
import { uuidSchema } from '@/lib/platform/schemas';

/** Stores the sample file of a demo document row (the seed runs before storage starts). */
export const DEMO_DOCUMENT = jobType('membership-demo-document', z.object({ documentId: uuidSchema() }));
