import { Length } from 'class-validator';
import { IsCleanText } from './is-clean-text';
import { IsNotBlank } from './is-not-blank';
import { MAX_REASON_LENGTH } from './request-text';

/** A required reason: 1 to 500 characters of clean, non-blank text (it is stored with the request and shown to the DPO). */
export function IsReason(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    Length(1, MAX_REASON_LENGTH)(target, propertyName);
    IsNotBlank()(target, propertyName);
    IsCleanText()(target, propertyName);
  };
}
