import { cva, type VariantProps } from 'class-variance-authority';

/**
 * The button classes, apart from <Button> so that a client component can style
 * a plain <button> or link as one without tailwind-merge (lib/utils.ts `cn`)
 * and Radix's Slot in its scripts (e.g. the root error boundary, app/error.tsx).
 */
export const buttonVariants = cva(
  'inline-flex items-center justify-center gap-2 whitespace-nowrap rounded-md text-sm font-medium transition-colors disabled:pointer-events-none disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-primary',
  {
    variants: {
      variant: {
        default: 'bg-primary text-primary-foreground hover:bg-primary/90',
        outline: 'border border-border bg-white hover:bg-primary-soft',
        ghost: 'hover:bg-primary-soft',
        danger: 'bg-danger text-white hover:bg-danger/90',
        link: 'text-primary underline-offset-4 hover:underline',
      },
      size: { sm: 'h-8 px-3', md: 'h-10 px-4', lg: 'h-11 px-6 text-base', icon: 'h-10 w-10' },
    },
    defaultVariants: { variant: 'default', size: 'md' },
  },
);

export type ButtonVariantProps = VariantProps<typeof buttonVariants>;
