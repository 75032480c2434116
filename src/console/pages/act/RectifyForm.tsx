import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../components/Notice';
import { RectifySubjectDocument, type SubjectChangesInput, type SubjectViewQuery } from '../../generated/graphql';
import { systemName } from '../../lib/format';
import { navigate } from '../../lib/router';

const FIELDS = [
  { key: 'email', label: 'Email' },
  { key: 'firstName', label: 'First name' },
  { key: 'lastName', label: 'Last name' },
  { key: 'phone', label: 'Phone' },
] as const;

type FieldKey = (typeof FIELDS)[number]['key'];

/** Rectification: the merged values prefilled; fields where systems disagree are marked with every value held. */
export function RectifyForm(props: { email: string; subject: SubjectViewQuery['subject'] }): JSX.Element {
  const provenance = props.subject?.provenance ?? [];
  const merged = (key: FieldKey): string => provenance.find((field) => field.field === key)?.value ?? '';
  const [values, setValues] = useState<Record<FieldKey, string>>(() => ({
    email: merged('email') || props.email,
    firstName: merged('firstName'),
    lastName: merged('lastName'),
    phone: merged('phone'),
  }));
  const [{ fetching, error }, rectify] = useMutation(RectifySubjectDocument);
  const [nothing, setNothing] = useState(false);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const changes: SubjectChangesInput = {};
    for (const { key } of FIELDS) {
      const value = values[key].trim();
      const conflict = provenance.find((field) => field.field === key)?.conflict ?? false;
      // A conflicting field is written even when unchanged: choosing the value settles the conflict everywhere.
      if (value !== '' && (value !== merged(key) || conflict)) changes[key] = value;
    }
    if (Object.keys(changes).length === 0) return setNothing(true);
    setNothing(false);
    const result = await rectify({ input: { email: props.email, changes } });
    if (result.data) navigate(`/requests/${result.data.rectifySubject.id}`);
  };
  return (
    <form onSubmit={(event) => void submit(event)} className="form">
      {FIELDS.map(({ key, label }) => {
        const field = provenance.find((candidate) => candidate.field === key);
        const hintId = `rectify-${key}-conflict`;
        return (
          <div key={key} className={field?.conflict ? 'field conflict' : 'field'}>
            <label htmlFor={`rectify-${key}`}>
              {label}
              {field?.conflict && <strong> — conflict</strong>}
            </label>
            <input
              id={`rectify-${key}`}
              value={values[key]}
              onChange={(e) => setValues({ ...values, [key]: e.target.value })}
              aria-describedby={field?.conflict ? hintId : undefined}
            />
            {field?.conflict && (
              <p id={hintId} className="conflict-note">
                Systems disagree:{' '}
                {field.candidates.map((candidate) => `${candidate.value} (${candidate.systems.map(systemName).join(', ')})`).join(' · ')}
              </p>
            )}
          </div>
        );
      })}
      <button type="submit" disabled={fetching}>
        File the rectification
      </button>
      {nothing && (
        <p className="notice notice-error" role="alert">
          Nothing changed: edit a value first.
        </p>
      )}
      <ErrorNotice error={error} />
    </form>
  );
}
