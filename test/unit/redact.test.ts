import { describeErrorForLog, redactText } from '../../src/observability/redact';

describe('redaction of log text', () => {
  it('when a driver message quotes an email and a value, then both are masked', () => {
    const text = "Duplicate entry 'ann.lee@example.edu' for key 'uq_subjects_email_normalised' GET https://x.test/q?e=ann%40example.edu Bearer abc.def";
    const masked = redactText(text);
    expect(masked).not.toContain('ann.lee@example.edu');
    expect(masked).not.toContain('abc.def');
    expect(masked).toContain('[value]');
  });

  it('when a phone number is in a message, then it is masked', () => {
    expect(redactText('call +47 55 23 60 70 now')).toBe('call [number] now');
  });

  it('when a stack has package paths with @, then they are kept readable', () => {
    expect(redactText('at /app/node_modules/@apollo/server/dist/x.js:1:2')).toContain('@apollo/server');
  });

  it('when a non-error is thrown, then nothing of it is logged', () => {
    expect(describeErrorForLog('ann@example.com')).toEqual({ type: 'string', message: '[non-error thrown]' });
  });
});
