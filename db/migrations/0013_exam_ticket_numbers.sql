CREATE SEQUENCE "public"."exam_ticket_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
ALTER TABLE "exam_registrations" ADD COLUMN "ticket_number" text;--> statement-breakpoint
CREATE UNIQUE INDEX "exam_registrations_ticket_idx" ON "exam_registrations" USING btree ("ticket_number");--> statement-breakpoint
-- Tickets released before this migration were numbered by the registration's position in its exam
-- (ZKZ + first day + position): they keep that number, except where two exams on the same day gave
-- the same one, where the later exam's registration gets a new number below.
WITH derived AS (
  SELECT r.id, r.status, e.created_at AS exam_created, e.id AS exam_id,
         'ZKZ' || to_char(e.period_start, 'YYYYMMDD') || lpad((row_number() OVER (PARTITION BY r.exam_id ORDER BY r.created_at, r.id))::text, 6, '0') AS number
  FROM "exam_registrations" r JOIN "exams" e ON e.id = r.exam_id
  WHERE e.tickets_released_at IS NOT NULL
), ranked AS (
  SELECT d.id, d.number, row_number() OVER (PARTITION BY d.number ORDER BY d.exam_created, d.exam_id) AS dup
  FROM derived d WHERE d.status IN ('paid', 'refunded')
)
UPDATE "exam_registrations" x SET "ticket_number" = ranked.number FROM ranked WHERE ranked.id = x.id AND ranked.dup = 1;--> statement-breakpoint
-- New numbers continue above every number kept, so they can never meet one.
SELECT setval('exam_ticket_seq', greatest(1, (SELECT coalesce(max(substring("ticket_number" from 12)::bigint), 0) FROM "exam_registrations")), EXISTS (SELECT 1 FROM "exam_registrations" WHERE "ticket_number" IS NOT NULL));--> statement-breakpoint
UPDATE "exam_registrations" x SET "ticket_number" = 'ZKZ' || to_char(e.period_start, 'YYYYMMDD') || lpad(nextval('exam_ticket_seq')::text, 6, '0')
FROM "exams" e WHERE e.id = x.exam_id AND e.tickets_released_at IS NOT NULL AND x.status = 'paid' AND x.ticket_number IS NULL;
