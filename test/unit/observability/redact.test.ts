import { describeErrorForLog, redactText } from '../../../src/observability/redact';

describe('redaction of log text', () => {
  it('when a driver message quotes an email and a value, then both are masked', () => {
    const text = "Duplicate entry 'ann.lee@example.edu' for key 'uq_subjects_email_normalised'";
    expect(redactText(text)).toBe("Duplicate entry '[value]' for key '[value]'");
  });

  it('when an email stands in text, then exactly the address is masked and its neighbours are kept', () => {
    expect(redactText('lookup ann.lee+tag@mail.example.edu failed')).toBe('lookup [email] failed');
    expect(redactText('to <ann@example.edu>, (bo@example.org); "cy@example.net"')).toBe('to <[email]>, ([email]); "[email]"');
    expect(redactText('mailto:ann@example.edu/next')).toBe('mailto:[email]/next');
    expect(redactText('a\tann@example.edu\nb')).toBe('a\t[email]\nb');
  });

  it('when an email is URL-encoded once or twice, then it is masked too', () => {
    expect(redactText('GET https://x.test/q?e=ann%40example.edu')).toBe('GET https://x.test/[email]');
    expect(redactText('next=ann%2540example.edu&page=2')).not.toContain('example.edu');
    expect(redactText('e=ann%2540example.edu')).toBe('[email]');
    expect(redactText('ann%40example.edu')).toBe('[email]');
  });

  it('when an @ has no dotted domain after it, then it is not an email', () => {
    expect(redactText('ann@localhost')).toBe('ann@localhost');
    expect(redactText('ann@ example.edu')).toBe('ann@ example.edu');
    expect(redactText('@example.edu')).toBe('@example.edu');
    expect(redactText('ann@example.')).toBe('ann@example.');
  });

  it('when a stack has package paths with @, then they are kept readable', () => {
    expect(redactText('at /app/node_modules/@apollo/server/dist/x.js:1:2')).toBe('at /app/node_modules/@apollo/server/dist/x.js:1:2');
  });

  it('when a phone number is in a message, then it is masked with its prefix and punctuation', () => {
    expect(redactText('call +47 55 23 60 70 now')).toBe('call [number] now');
    expect(redactText('call (55) 23-60.70 now')).toBe('call ([number] now');
    expect(redactText('n=123456789;')).toBe('n=[number];');
    expect(redactText('n=12345678;')).toBe('n=[number];');
  });

  it('when a digit run is shorter than a phone number (ports, line numbers, counts), then it is kept', () => {
    expect(redactText('x.js:1234:56 took 1234567 us')).toBe('x.js:1234:56 took 1234567 us');
  });

  it('when values are single-quoted, then each is masked, escaped quotes included', () => {
    expect(redactText("a 'it\\'s Ann' b 'x' c")).toBe("a '[value]' b '[value]' c");
    expect(redactText("empty '' here")).toBe("empty '[value]' here");
    expect(redactText("one 'unclosed")).toBe("one 'unclosed");
  });

  it('when Bearer or Basic credentials appear, then the credential is masked and the scheme kept as written', () => {
    const basic = Buffer.from('12345:pat-secret').toString('base64');
    expect(redactText(`authorization: Basic ${basic} sent`)).toBe('authorization: Basic [redacted] sent');
    expect(redactText('Authorization: Bearer a.b_c~d+e/f=g!h-iZ9 sent')).toBe('Authorization: Bearer [redacted] sent');
    expect(redactText('BEARER   tok9')).toBe('BEARER [redacted]');
    expect(redactText('basic\tdXNlcjpwYXNz')).toBe('basic [redacted]');
  });

  it('when an OAuth secret travels as a query or form parameter, then its value is masked', () => {
    const url = 'POST https://x.mktorest.com/identity/oauth/token?grant_type=client_credentials&client_id=abc&client_secret=S3cr3t!&x=1';
    expect(redactText(url)).toBe(
      'POST https://x.mktorest.com/identity/oauth/token?grant_type=client_credentials&client_id=abc&client_secret=[redacted]&x=1',
    );
    expect(redactText('ACCESS_TOKEN=t0k refresh_token=r1 password=pw"')).toBe(
      'ACCESS_TOKEN=[redacted] refresh_token=[redacted] password=[redacted]"',
    );
    expect(redactText("password='pw'")).toBe("password='[value]'");
  });
});

describe('describing an error for the log', () => {
  it('when an error carries personal data, then its type is kept and message and stack are masked', () => {
    const error = new TypeError('no subject ann@example.edu');
    expect(describeErrorForLog(error)).toEqual({
      type: 'TypeError',
      message: 'no subject [email]',
      stack: expect.stringMatching(/^TypeError: no subject \[email\]\n\s+at /),
    });
  });

  it('when an error-like object has no usable name or stack, then it is an Error without stack', () => {
    const described = describeErrorForLog({ name: 42, message: 'call +47 55 23 60 70', stack: 7 });
    expect(described).toEqual({ type: 'Error', message: 'call [number]' });
    expect('stack' in described && described.stack).toBeUndefined();
    expect(describeErrorForLog({ message: 404 })).toMatchObject({ type: 'Error', message: '404' });
  });

  it('when a non-error is thrown, then nothing of it is logged', () => {
    expect(describeErrorForLog('ann@example.com')).toEqual({ type: 'string', message: '[non-error thrown]' });
    expect(describeErrorForLog(null)).toEqual({ type: 'object', message: '[non-error thrown]' });
    expect(describeErrorForLog({ code: 'ann@example.com' })).toEqual({ type: 'object', message: '[non-error thrown]' });
    expect(describeErrorForLog(undefined)).toEqual({ type: 'undefined', message: '[non-error thrown]' });
  });
});
