import crypto from 'node:crypto';

// The one way outbound messages (email, SMS, 企业微信) leave the platform: a signed JSON POST to a gateway the
// district runs (OUTBOUND_WEBHOOK_URL), which maps the account name to an address, a phone or a 企业微信 user.
// Keeping every channel behind one webhook means no mail server, SMS vendor or WeCom credentials live here.

export interface OutboundPayload {
  id: string;
  channel: 'email' | 'sms' | 'wecom';
  recipient: string;
  title: string;
  body: string | null;
  link: string | null;
}

export interface OutboundAdapter {
  /** False when no URL is configured: messages stay pending until one is. */
  configured: boolean;
  /** Resolves when the gateway accepted the message (2xx); throws otherwise. */
  send(message: OutboundPayload): Promise<void>;
}

export const SIGNATURE_HEADER = 'x-zhaoshang-signature';

/** `sha256=<hex>` of the exact body bytes under the shared secret, as GitHub-style webhooks sign. */
export function signatureOf(body: string, secret: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function createWebhookAdapter(o: {
  url: string | undefined;
  secret: string | undefined;
  timeoutMs?: number;
}): OutboundAdapter {
  const url = o.url;
  if (!url) {
    return {
      configured: false,
      async send() {
        throw new Error('OUTBOUND_WEBHOOK_URL is not configured');
      },
    };
  }
  return {
    configured: true,
    async send(message) {
      const body = JSON.stringify({
        channel: message.channel,
        recipient: message.recipient,
        title: message.title,
        body: message.body,
        link: message.link,
        id: message.id,
      });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (o.secret) headers[SIGNATURE_HEADER] = signatureOf(body, o.secret);
      const res = await fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
      });
      // Drain the body so the connection is released.
      await res.text().catch(() => '');
      if (!res.ok) throw new Error(`gateway answered ${res.status}`);
    },
  };
}
