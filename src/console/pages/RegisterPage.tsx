import { useQuery } from 'urql';
import { ErrorNotice, Loading } from '../components/Notice';
import { RegisterViewDocument } from '../generated/graphql';
import { systemName, words } from '../lib/format';

/** The register: who the controller is, how to reach the DPO, every processor, and the chart. */
export function RegisterPage(): JSX.Element {
  const [{ data, error }] = useQuery({ query: RegisterViewDocument });
  if (!data) return error ? <ErrorNotice error={error} /> : <Loading what="the register" />;
  const { controller, processors, processingActivities } = data;
  return (
    <section aria-labelledby="register-title">
      <h1 id="register-title">Register</h1>
      <div className="grid">
        <section className="panel" aria-labelledby="controller-title">
          <h2 id="controller-title">Controller</h2>
          <p>
            <strong>{controller.name}</strong>
            <br />
            {controller.address}
            <br />
            {controller.email} {controller.phone}
          </p>
        </section>
        <section className="panel" aria-labelledby="dpo-title">
          <h2 id="dpo-title">Data Protection Officer</h2>
          <p>
            <strong>{controller.dpo.name}</strong>
            <br />
            {controller.dpo.email} {controller.dpo.phone}
          </p>
        </section>
      </div>
      <h2>Processors</h2>
      <div className="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Processor</th>
              <th scope="col">Role</th>
              <th scope="col">System</th>
              <th scope="col">Country</th>
              <th scope="col">Transfer mechanism</th>
              <th scope="col">Retention</th>
            </tr>
          </thead>
          <tbody>
            {processors.map((processor) => (
              <tr key={processor.key}>
                <th scope="row">
                  {processor.name}
                  <div className="muted">{words(processor.kind)}</div>
                </th>
                <td>{processor.role}</td>
                <td>{processor.system ? systemName(processor.system) : 'none (no API: manual)'}</td>
                <td>{processor.country ?? 'not stated'}</td>
                <td>{words(processor.transferMechanism)}</td>
                <td>{processor.retention}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>The chart: channels, purposes, legal bases</h2>
      <div className="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Channel</th>
              <th scope="col">Collection and use</th>
              <th scope="col">Purposes</th>
              <th scope="col">Legal basis</th>
              <th scope="col">Systems</th>
            </tr>
          </thead>
          <tbody>
            {processingActivities.map((activity) => (
              <tr key={activity.channel}>
                <th scope="row">{words(activity.channel)}</th>
                <td>
                  {activity.collection}
                  <div className="muted">{activity.use}</div>
                </td>
                <td>{activity.purposes.map(words).join(', ')}</td>
                <td>
                  {words(activity.legalBasis)}
                  {activity.legitimateInterestBalancing && (
                    <details>
                      <summary>Balancing test</summary>
                      <p>Interest: {activity.legitimateInterestBalancing.interest}</p>
                      <p>Necessity: {activity.legitimateInterestBalancing.necessity}</p>
                      <p>Expectation: {activity.legitimateInterestBalancing.reasonableExpectation}</p>
                    </details>
                  )}
                </td>
                <td>{activity.systems.map(systemName).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
