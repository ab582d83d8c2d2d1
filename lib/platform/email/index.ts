export { renderEmail, type EmailTemplate, type RenderedEmail } from './render';
export { sendEmail, type SendEmailInput } from './send';
export { absoluteUrl, defaultEmailEnv, formatShanghai, loadEmailEnv, type EmailEnv } from './env';
export * from './templates';
