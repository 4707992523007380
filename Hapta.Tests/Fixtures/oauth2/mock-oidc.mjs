// A real OpenID Connect provider on loopback for the OAuth2 tests (npm oauth2-mock-server): it approves every
// authorization at once, and its userinfo names the user given as the first argument.
import { OAuth2Server } from 'oauth2-mock-server';

const email = process.argv[2] ?? 'oauth.user@example.com';
const server = new OAuth2Server();
await server.issuer.keys.generate('RS256');
server.service.on('beforeUserinfo', (userinfo) => {
  userinfo.body = { sub: `mock-${email}`, name: 'OAuth User', email, email_verified: true };
});
await server.start(0, '127.0.0.1');
console.log(`LISTENING ${server.address().port}`);
