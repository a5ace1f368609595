// The words of the server's pages, in English and German; the browser's
// Accept-Language picks (English otherwise).
export type Language = 'en' | 'de';

const en = {
  signInTitle: 'Sign in to your team server',
  signInLead: 'Sign in to connect the RealMultiLLM app on this computer. Your password stays in this browser and the server; the app never sees it.',
  email: 'E-mail',
  password: 'Password',
  signIn: 'Sign in',
  wrongPassword: 'The e-mail or password is wrong. Check both and try again.',
  locked: (minutes: number) => `Too many failed attempts. Try again in ${minutes} minutes, or ask your admin to reset your password.`,
  badRequestTitle: 'This sign-in cannot continue',
  formExpired: 'This page was open too long or was sent from somewhere else. Reload it and try again.',
  setupTitle: 'Set up the team server',
  setupLead: 'Make the first admin account. This link works once.',
  name: 'Your name',
  newPassword: 'Password (at least 10 characters)',
  confirmPassword: 'Password again',
  create: 'Create account',
  passwordsDiffer: 'The two passwords differ. Type the same password twice.',
  passwordShort: 'The password is too short: use at least 10 characters.',
  nameMissing: 'Enter your name.',
  emailInvalid: 'Enter a valid e-mail address.',
  emailTaken: 'An account with this e-mail exists already. Sign in from the app instead.',
  linkUnknown: 'This link is not valid. Check that you copied all of it, or ask your admin for a new one.',
  linkUsed: 'This link was already used. Sign in from the app, or ask your admin for a new link.',
  linkExpired: 'This link has expired. Ask your admin for a new one (the setup link: restart the server to print a new one).',
  setupDone: 'Setup is finished: an admin exists. Sign in from the app.',
  inviteTitle: 'Join your team server',
  inviteLead: 'Make your account. This invitation works once.',
  createdTitle: 'Your account is ready',
  createdLead: (server: string) => `In the RealMultiLLM app, open Settings → Team sync, enter ${server} as the server address and sign in.`,
  adminInviteTitle: 'Invite someone',
  adminInviteLead: 'Admins make invitation links here. Sign in with your admin account; leave the e-mail empty to let the person choose theirs. The link works once.',
  adminEmail: 'Your e-mail (admin)',
  inviteeEmail: 'E-mail of the person you invite (optional)',
  makeInvitation: 'Make invitation link',
  adminOnly: 'Only an admin of the team server can invite people. Sign in with an admin account, or ask your admin for an invitation link.',
  invitationMadeTitle: 'Invitation link made',
  invitationLink: 'Invitation link',
  invitationMadeLead: (until: string) => `Send this link to the person you invite. It works once, until ${until} (UTC).`,
};

const de: typeof en = {
  signInTitle: 'Beim Team-Server anmelden',
  signInLead: 'Melde dich an, um die RealMultiLLM-App auf diesem Computer zu verbinden. Dein Passwort bleibt in diesem Browser und beim Server; die App sieht es nie.',
  email: 'E-Mail',
  password: 'Passwort',
  signIn: 'Anmelden',
  wrongPassword: 'E-Mail oder Passwort ist falsch. Prüfe beides und versuche es noch einmal.',
  locked: (minutes) => `Zu viele Fehlversuche. Versuche es in ${minutes} Minuten wieder oder bitte deinen Admin, dein Passwort zurückzusetzen.`,
  badRequestTitle: 'Diese Anmeldung kann nicht weitergehen',
  formExpired: 'Diese Seite war zu lange offen oder wurde von anderswo gesendet. Lade sie neu und versuche es noch einmal.',
  setupTitle: 'Team-Server einrichten',
  setupLead: 'Lege das erste Admin-Konto an. Dieser Link funktioniert einmal.',
  name: 'Dein Name',
  newPassword: 'Passwort (mindestens 10 Zeichen)',
  confirmPassword: 'Passwort wiederholen',
  create: 'Konto anlegen',
  passwordsDiffer: 'Die beiden Passwörter unterscheiden sich. Gib zweimal dasselbe Passwort ein.',
  passwordShort: 'Das Passwort ist zu kurz: mindestens 10 Zeichen.',
  nameMissing: 'Gib deinen Namen ein.',
  emailInvalid: 'Gib eine gültige E-Mail-Adresse ein.',
  emailTaken: 'Ein Konto mit dieser E-Mail gibt es schon. Melde dich stattdessen in der App an.',
  linkUnknown: 'Dieser Link ist ungültig. Prüfe, ob du ihn vollständig kopiert hast, oder bitte deinen Admin um einen neuen.',
  linkUsed: 'Dieser Link wurde schon benutzt. Melde dich in der App an oder bitte deinen Admin um einen neuen Link.',
  linkExpired: 'Dieser Link ist abgelaufen. Bitte deinen Admin um einen neuen (Einrichtungslink: Server neu starten, dann wird ein neuer ausgegeben).',
  setupDone: 'Die Einrichtung ist abgeschlossen: Es gibt einen Admin. Melde dich in der App an.',
  inviteTitle: 'Dem Team-Server beitreten',
  inviteLead: 'Lege dein Konto an. Diese Einladung funktioniert einmal.',
  createdTitle: 'Dein Konto ist bereit',
  createdLead: (server) => `Öffne in der RealMultiLLM-App Einstellungen → Team-Sync, gib ${server} als Serveradresse ein und melde dich an.`,
  adminInviteTitle: 'Jemanden einladen',
  adminInviteLead: 'Hier erstellen Admins Einladungslinks. Melde dich mit deinem Admin-Konto an; lass die E-Mail leer, damit die Person ihre selbst wählt. Der Link funktioniert einmal.',
  adminEmail: 'Deine E-Mail (Admin)',
  inviteeEmail: 'E-Mail der eingeladenen Person (optional)',
  makeInvitation: 'Einladungslink erstellen',
  adminOnly: 'Nur ein Admin des Team-Servers kann Leute einladen. Melde dich mit einem Admin-Konto an oder bitte deinen Admin um einen Einladungslink.',
  invitationMadeTitle: 'Einladungslink erstellt',
  invitationLink: 'Einladungslink',
  invitationMadeLead: (until) => `Schicke diesen Link der Person, die du einlädst. Er funktioniert einmal, bis ${until} (UTC).`,
};

export type PageText = typeof en;

export function pickLanguage(acceptLanguage: string | undefined): Language {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('de') ? 'de' : 'en';
}

export const TEXT: Record<Language, PageText> = { en, de };
