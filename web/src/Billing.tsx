import { useCallback, useEffect, useState } from 'react';
import type { Api, Budget, Invoice, UsageRow } from './api';
import { describeError, formatMicros } from './api';

/** This month's usage and spending limit, and the tenant's invoices: what the tenant pays, never the platform's cost. */
export function Billing({ api, admin }: { api: Api; admin: boolean }) {
  const [usage, setUsage] = useState<UsageRow[] | null>(null);
  const [budget, setBudget] = useState<Budget | null>(null);
  const [invoices, setInvoices] = useState<Invoice[] | null>(null);
  const [limit, setLimit] = useState('');
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    Promise.all([api.usage('model'), api.listBudgets(), api.listInvoices()])
      .then(([u, b, i]) => {
        setUsage(u.items);
        setBudget(b.items.find((x) => x.apiKeyId === null) ?? null);
        setInvoices(i.items);
        setError(null);
      })
      .catch((e: unknown) => setError(describeError(e)));
  }, [api]);

  useEffect(load, [load]);

  const saveBudget = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      await api.setBudget(limit.trim() ? Math.round(Number(limit) * 1_000_000) : null);
      setLimit('');
      load();
    } catch (e) {
      setError(describeError(e));
    }
  };

  const download = async (invoice: Invoice) => {
    try {
      const url = URL.createObjectURL(await api.invoicePdf(invoice.id));
      const link = document.createElement('a');
      link.href = url;
      link.download = `${invoice.number}.pdf`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(describeError(e));
    }
  };

  const total = (usage ?? []).reduce((sum, row) => sum + row.priceMicros, 0);
  return (
    <section aria-label="Billing">
      <h2>Usage this month</h2>
      {error && <p className="error">{error}</p>}
      <button type="button" onClick={load}>
        Refresh
      </button>
      <table>
        <thead>
          <tr>
            <th>Model</th>
            <th>Calls</th>
            <th>Input tokens</th>
            <th>Output tokens</th>
            <th>Amount</th>
          </tr>
        </thead>
        <tbody>
          {(usage ?? []).map((row) => (
            <tr key={row.key}>
              <td>{row.key}</td>
              <td>{row.calls}</td>
              <td>{row.inputTokens + row.embeddingTokens}</td>
              <td>{row.outputTokens}</td>
              <td>{formatMicros(row.priceMicros)}</td>
            </tr>
          ))}
          {usage?.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                No usage yet this month.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <p>
        Spent this month: <strong>{formatMicros(total)}</strong>
        {budget?.limitMicros != null && (
          <>
            {' '}
            of a <strong>{formatMicros(budget.limitMicros)}</strong> monthly budget ({formatMicros(budget.reservedMicros)} held by running
            runs)
          </>
        )}
      </p>
      {admin && (
        <form onSubmit={saveBudget}>
          <input
            aria-label="Monthly budget in dollars"
            inputMode="decimal"
            value={limit}
            onChange={(e) => setLimit(e.target.value)}
            placeholder="Monthly budget, $ (empty removes it)"
          />
          <button type="submit">Set budget</button>
        </form>
      )}
      <h2>Invoices</h2>
      <table>
        <thead>
          <tr>
            <th>Number</th>
            <th>Month</th>
            <th>Amount due</th>
            <th>Status</th>
            <th>Due</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(invoices ?? []).map((invoice) => (
            <tr key={invoice.id}>
              <td>{invoice.number}</td>
              <td>{invoice.period}</td>
              <td>{formatMicros(invoice.amountDueMicros)}</td>
              <td>{invoice.status}</td>
              <td>{new Date(invoice.dueAt).toLocaleDateString()}</td>
              <td>
                <button type="button" onClick={() => download(invoice)}>
                  PDF
                </button>
              </td>
            </tr>
          ))}
          {invoices?.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                No invoices yet: the month's invoice is issued on the 1st.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
