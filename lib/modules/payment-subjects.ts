/**
 * Every module's payment handlers (onOrderPaid / onOrderCancelled /
 * onOrderRefunded from lib/platform/payments/hooks.ts), imported once for their
 * registration side effect. lib/platform/payments imports this file from every
 * entry point that settles, cancels, expires or refunds an order, so a
 * notification that reaches a fresh process first still finds the handlers.
 *
 * A module adds one line here.
 */
import './exam/payments';
