import { words } from '../lib/format';

/** A status as a word and a colour (the word carries the meaning; colour only repeats it). */
export function Badge(props: { value: string }): JSX.Element {
  return <span className={`badge badge-${props.value.toLowerCase()}`}>{words(props.value)}</span>;
}
