'use client';
import * as React from 'react';
import { FormAlert } from './field';
import { HydratedButton } from '@/components/forms/hydrated-button';

/**
 * An undertaking to tick before going on ("我已了解并知悉上述内容并承诺",
 * "我确认以上报考信息无误"): the button refuses until it is ticked, then runs
 * `onProceed`, which returns an error message or nothing.
 */
export function TickToProceed({ tickLabel, buttonLabel, requiredMessage, onProceed }: { tickLabel: string; buttonLabel: string; requiredMessage: string; onProceed: () => Promise<string | undefined> }) {
  const [ticked, setTicked] = React.useState(false);
  const [error, setError] = React.useState<string>();
  const [pending, start] = React.useTransition();
  return (
    <form
      method="post"
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ticked) return setError(requiredMessage);
        setError(undefined);
        start(async () => setError(await onProceed()));
      }}
    >
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" className="h-4 w-4" checked={ticked} onChange={(e) => setTicked(e.target.checked)} />
        {tickLabel}
      </label>
      <FormAlert message={error} />
      <div>
        <HydratedButton type="submit" disabled={pending}>
          {buttonLabel}
        </HydratedButton>
      </div>
    </form>
  );
}
