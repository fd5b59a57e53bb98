import { useUi } from '../stores/uiStore';

export function HomeScreen() {
  const show = useUi((state) => state.show);
  return (
    <section aria-labelledby="home-title" className="screen">
      <h1 id="home-title">Welcome to Account Manager</h1>
      <p className="lead">
        Keep your accounts on Rocket.Chat-compatible servers in one place: sign in once, keep your profile readable
        offline, and edit it from anywhere.
      </p>
      <p>
        Adding servers and signing in arrives in the next step of this build. Meanwhile, the{' '}
        <button type="button" className="link-button" onClick={() => show('about')}>
          About screen
        </button>{' '}
        shows what the app can see of this computer.
      </p>
    </section>
  );
}
