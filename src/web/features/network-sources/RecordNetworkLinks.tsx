import { Link } from 'react-router';

// How a lead or a project shows where it came from: the referring source, the event and the chain link, each a
// link to its own page (the chain page opens on the link).

type Linked = {
  referralSourceId: string | null;
  referralSourceName: string | null;
  eventId: string | null;
  eventName: string | null;
  chainLinkId: string | null;
  chainLinkLabel: string | null;
};

export function SourceLink({ r }: { r: Linked }) {
  return r.referralSourceId ? (
    <Link to={`/network/sources/${r.referralSourceId}`}>{r.referralSourceName ?? '—'}</Link>
  ) : (
    '—'
  );
}

export function EventLink({ r }: { r: Linked }) {
  return r.eventId ? <Link to={`/network/events/${r.eventId}`}>{r.eventName ?? '—'}</Link> : '—';
}

export function ChainLinkLink({ r }: { r: Linked }) {
  return r.chainLinkId ? (
    <Link to={`/network/chains?link=${r.chainLinkId}`}>{r.chainLinkLabel ?? '—'}</Link>
  ) : (
    '—'
  );
}
