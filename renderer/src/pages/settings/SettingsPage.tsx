// Settings: every desk setting from the catalog, by section, each with what it does, its value in
// force and default, Save, Reset to default, and the engine's answer beside it. Every change is
// audited by the engine (settings.change / settings.reset); the same as `lifeboat settings`.
import { Fragment } from 'react';
import { ErrorPanel } from '../../components/ErrorPanel';
import { PageHeader } from '../../components/PageHeader';
import { useLiveRefresh } from '../../live/live';
import { sectionsOf, showValue } from './model/fields';
import { SettingField } from './SettingField';
import { useSettings } from './store/settings';
import { SymbolMappings } from './SymbolMappings';
import './styles/settings.css';

// Another console tab or the CLI may change a setting: reload when the settings rows change.
const TABLES = ['settings'];
const anchor = (title: string) => `settings-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;

export function SettingsPage() {
  const list = useSettings((s) => s.list);
  const error = useSettings((s) => s.error);
  const stamp = useSettings((s) => s.stamp);
  const load = useSettings((s) => s.load);
  useLiveRefresh(TABLES, load);
  const sections = list ? sectionsOf(list) : [];

  return (
    <section className="page page-settings" data-testid="page-settings">
      <PageHeader title="Settings" stamp={stamp} />
      <div className="page-body st-body">
        {error ? <ErrorPanel error={error} title="The settings could not be read" onRetry={() => void load()} /> : null}
        {list ? (
          <>
            <nav className="st-toc" aria-label="Settings sections">
              {sections.map((s) => (
                <a key={s.title} href={`#/settings`} onClick={(e) => {
                  e.preventDefault();
                  document.getElementById(anchor(s.title))?.scrollIntoView({ block: 'start' });
                }} className="chip">
                  {s.title}
                </a>
              ))}
            </nav>
            {sections.map((section) => (
              <section key={section.title} className="st-section" id={anchor(section.title)} aria-labelledby={`${anchor(section.title)}-title`} data-testid={`settings-section-${section.title}`}>
                <h2 className="st-section-title" id={`${anchor(section.title)}-title`}>
                  {section.title}
                </h2>
                {section.title === 'Other stored settings' ? (
                  <Unknown settings={section.settings} />
                ) : (
                  section.settings.map((s) => (
                    <Fragment key={s.key}>
                      <SettingField s={s} />
                      {s.key === 'reconciliation.defaultStrategy' ? <SymbolMappings /> : null}
                    </Fragment>
                  ))
                )}
              </section>
            ))}
          </>
        ) : !error ? (
          <div className="dim">Reading the settings…</div>
        ) : null}
      </div>
    </section>
  );
}

function Unknown({ settings }: { settings: { key: string; value: unknown }[] }) {
  return (
    <div className="st-field">
      <p className="st-desc">Stored on the desk but not settings Lifeboat knows (written by a bot or an older version): shown as they are, not editable here.</p>
      <dl className="st-unknown" data-testid="settings-unknown">
        {settings.map((s) => (
          <div key={s.key} className="st-unknown-row">
            <dt>
              <code>{s.key}</code>
            </dt>
            <dd>
              <code>{showValue(s.value)}</code>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
