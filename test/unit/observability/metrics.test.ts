import { createMetrics, recordUpstreamAttempt } from '../../../src/observability/metrics';

async function exposition(metrics: ReturnType<typeof createMetrics>): Promise<string> {
  return metrics.registry.metrics();
}

function bucketBounds(text: string, name: string): string[] {
  return [...text.matchAll(new RegExp(`^${name}_bucket\\{le="([^"]+)"`, 'gm'))].map((match) => match[1] ?? '');
}

describe('the gateway metrics', () => {
  it("when built without defaults, then only the gateway's own series exist, each with a help text", async () => {
    const metrics = createMetrics(false);
    const described = await metrics.registry.getMetricsAsJSON();
    expect(described.every((metric) => metric.name.startsWith('gateway_'))).toBe(true);
    expect(described.map((metric) => metric.name)).toEqual(
      expect.arrayContaining([
        'gateway_graphql_requests_total',
        'gateway_graphql_request_duration_seconds',
        'gateway_graphql_errors_total',
        'gateway_auth_failures_total',
        'gateway_upstream_calls_total',
        'gateway_upstream_call_duration_seconds',
        'gateway_vendor_queue_depth',
      ]),
    );
    for (const metric of described) expect({ name: metric.name, help: metric.help.length > 10 }).toEqual({ name: metric.name, help: true });
  });

  it('when built with defaults, then the process metrics are in the same registry', async () => {
    const names = (await createMetrics(true).registry.getMetricsAsJSON()).map((metric) => metric.name);
    expect(names).toEqual(
      expect.arrayContaining(['process_cpu_user_seconds_total', 'nodejs_heap_size_used_bytes', 'gateway_graphql_requests_total']),
    );
  });

  it('when each series is fed, then it takes exactly its documented labels', async () => {
    const metrics = createMetrics(false);
    metrics.graphqlRequests.inc({ operation: 'query:subject', outcome: 'ok' });
    metrics.graphqlDuration.observe({ operation: 'query:subject' }, 0.003);
    metrics.graphqlErrors.inc({ code: 'FORBIDDEN' });
    metrics.authFailures.inc({ reason: 'invalid' });
    metrics.upstreamCalls.inc({ system: 'MARKETO', outcome: 'OK' });
    metrics.upstreamDuration.observe({ system: 'MARKETO' }, 0.004);
    metrics.vendorQueueDepth.set({ system: 'MARKETO' }, 3);
    const text = await exposition(metrics);
    expect(text).toContain('gateway_graphql_requests_total{operation="query:subject",outcome="ok"} 1');
    expect(text).toContain('gateway_graphql_request_duration_seconds_count{operation="query:subject"} 1');
    expect(text).toContain('gateway_graphql_errors_total{code="FORBIDDEN"} 1');
    expect(text).toContain('gateway_auth_failures_total{reason="invalid"} 1');
    expect(text).toContain('gateway_upstream_calls_total{system="MARKETO",outcome="OK"} 1');
    expect(text).toContain('gateway_upstream_call_duration_seconds_count{system="MARKETO"} 1');
    expect(text).toContain('gateway_vendor_queue_depth{system="MARKETO"} 3');
    expect(() => metrics.graphqlRequests.inc({ operation: 'x', outcome: 'ok', email: 'x' } as never)).toThrow();
    expect(() => metrics.upstreamCalls.inc({ system: 'MARKETO', outcome: 'OK', operation: 'lookup' } as never)).toThrow();
  });

  it('when latencies are observed, then the buckets span 5 ms to 10 s for operations and 10 ms to 10 s for vendor calls', async () => {
    const metrics = createMetrics(false);
    metrics.graphqlDuration.observe({ operation: 'q' }, 0.001);
    metrics.upstreamDuration.observe({ system: 'SALESFORCE' }, 0.001);
    const text = await exposition(metrics);
    expect(bucketBounds(text, 'gateway_graphql_request_duration_seconds')).toEqual([
      '0.005',
      '0.01',
      '0.025',
      '0.05',
      '0.1',
      '0.25',
      '0.5',
      '1',
      '2.5',
      '5',
      '10',
      '+Inf',
    ]);
    expect(bucketBounds(text, 'gateway_upstream_call_duration_seconds')).toEqual([
      '0.01',
      '0.025',
      '0.05',
      '0.1',
      '0.25',
      '0.5',
      '1',
      '2.5',
      '5',
      '10',
      '+Inf',
    ]);
  });

  it('when a vendor attempt is recorded, then a found-or-not answer counts as OK and failures keep their outcome', async () => {
    const metrics = createMetrics(false);
    recordUpstreamAttempt(metrics, { system: 'LIVECHAT', outcome: 'OK', durationMs: 20 });
    recordUpstreamAttempt(metrics, { system: 'LIVECHAT', outcome: 'NOT_FOUND', durationMs: 20 });
    recordUpstreamAttempt(metrics, { system: 'LIVECHAT', outcome: 'TRANSIENT', durationMs: 2000 });
    const text = await exposition(metrics);
    expect(text).toContain('gateway_upstream_calls_total{system="LIVECHAT",outcome="OK"} 2');
    expect(text).toContain('gateway_upstream_calls_total{system="LIVECHAT",outcome="TRANSIENT"} 1');
    expect(text).not.toContain('NOT_FOUND');
    expect(text).toContain('gateway_upstream_call_duration_seconds_sum{system="LIVECHAT"} 2.04');
    expect(text).toContain('gateway_upstream_call_duration_seconds_bucket{le="0.025",system="LIVECHAT"} 2');
  });
});
