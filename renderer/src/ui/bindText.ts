import type { ChangeEvent } from 'react';

type TextKeys<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T];

/**
 * A text input's `value` and `onChange` bound to one field of a form's state object:
 * `const field = bindText(org, setOrg)` then `<TextInput label="…" {...field('placeName')} />`.
 * `transform` reshapes what is typed (e.g. a symbol in capitals).
 */
export function bindText<T>(state: T, set: (next: T) => void) {
  return (key: TextKeys<T>, transform: (typed: string) => string = (typed) => typed) => ({
    value: state[key] as string,
    onChange: (e: ChangeEvent<HTMLInputElement>) => set({ ...state, [key]: transform(e.currentTarget.value) }),
  });
}
