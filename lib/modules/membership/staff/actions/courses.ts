'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { CourseFieldsInput, EnrollmentNoticeInput, SetCourseStatusInput, UpdateCourseInput } from '../schemas';
import { createCourseDef, setCourseStatusDef, updateCourseDef, updateEnrollmentNoticeDef } from '../services/courses';

export async function createCourseAction(input: CourseFieldsInput) {
  return bindAction(createCourseDef)(input);
}

export async function updateCourseAction(input: UpdateCourseInput) {
  return bindAction(updateCourseDef)(input);
}

export async function setCourseStatusAction(input: SetCourseStatusInput) {
  return bindAction(setCourseStatusDef)(input);
}

export async function updateEnrollmentNoticeAction(input: EnrollmentNoticeInput) {
  return bindAction(updateEnrollmentNoticeDef)(input);
}
