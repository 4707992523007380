// The official PocketBase JavaScript SDK (0.21.5, the line that speaks to PocketBase 0.22) pointed at Hapta, as an
// app would use it. Usage: node sdk-flows.mjs <hapta url> realtime|oauth2. Prints one JSON line: what happened.
import PocketBase from 'pocketbase';
import EventSource from 'eventsource';

global.EventSource = EventSource;
const [url, flow] = process.argv.slice(2);
const pb = new PocketBase(url);
pb.autoCancellation(false);

const within = (promise, ms, what) => Promise.race([
  promise,
  new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)),
]);

async function realtime() {
  const events = [];
  let wake = () => {};
  const unsubscribe = await pb.collection('notes').subscribe('*', (e) => { events.push(e); wake(); });
  const waitFor = (n) => within(new Promise((resolve) => {
    wake = () => { if (events.length >= n) resolve(); };
    wake();
  }), 15000, `${n} events`);

  const created = await pb.collection('notes').create({ title: 'From the SDK' });
  await waitFor(1);
  await pb.collection('notes').update(created.id, { title: 'Edited by the SDK' });
  await waitFor(2);
  await pb.collection('notes').delete(created.id);
  await waitFor(3);
  await unsubscribe();
  const after = await pb.collection('notes').create({ title: 'After unsubscribing' });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  return {
    id: created.id,
    after: after.id,
    events: events.map((e) => ({ action: e.action, id: e.record.id, title: e.record.title })),
    connected: pb.realtime.isConnected,
  };
}

async function oauth2() {
  const auth = await within(pb.collection('users').authWithOAuth2({
    provider: 'oidc',
    // What a browser popup does: open the provider's page, which redirects at once to Hapta's oauth2-redirect.
    urlCallback: async (providerUrl) => {
      const consent = await fetch(providerUrl, { redirect: 'manual' });
      const back = await fetch(consent.headers.get('location'), { redirect: 'manual' });
      console.error(`redirect answered ${back.status} ${back.headers.get('location')}`);
    },
  }), 30000, 'authWithOAuth2');
  const claims = JSON.parse(Buffer.from(auth.token.split('.')[1], 'base64url').toString());
  return { email: auth.record.email, valid: pb.authStore.isValid, sid: typeof claims.sid === 'string' };
}

try {
  const result = flow === 'oauth2' ? await oauth2() : await realtime();
  console.log('RESULT ' + JSON.stringify(result));
  process.exit(0);
} catch (error) {
  console.log('FAILED ' + (error?.stack ?? String(error)) + ' ' + JSON.stringify(error?.response ?? null));
  process.exit(1);
}
