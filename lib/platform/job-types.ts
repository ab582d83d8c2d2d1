import { z } from 'zod';
import { jobType } from './jobs';
import { uuidSchema } from './schemas';

/**
 * The platform's own job types and their payloads, apart from their handlers
 * so that the code enqueuing a job does not load the code running it.
 */
export const ISSUE_APPLICATION_PDF = jobType('issue-application-pdf', z.object({ applicationId: uuidSchema() }));
export const CERTIFICATE_PDF = jobType('certificate-pdf', z.object({ certificateId: uuidSchema(), version: z.number().int().positive() }));
