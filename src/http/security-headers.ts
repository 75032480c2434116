import helmet from 'helmet';

/**
 * helmet on every response. The CSP allows only this origin: the IDE's scripts, styles and fonts
 * are our own files (no CDN, no inline code); `frame-ancestors 'none'` and X-Frame-Options DENY
 * refuse framing (clickjacking of the demo IDE, which carries a DPO token). `data:` images and
 * fonts are what graphiql.min.css embeds. No upgrade-insecure-requests: the demo runs on plain
 * http://localhost, and upgrading its asset URLs to https would break the IDE.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
