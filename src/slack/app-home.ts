import type { HomeView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { errorMessage } from '../infra/errors.js';
import type { Logger } from '../infra/logger.js';
import { homeView, unavailableSection, type HomeSection } from './home-view.js';
import { requestLog } from './middleware/request-context.js';
import type { EventArgs } from './routes.js';

/**
 * App Home: each feature contributes one section (its module's `homeSection`), in the order the
 * composition root adds them. A section that fails to load shows a short 「一時的に表示できません」
 * instead of breaking the whole tab. Slack allows 100 blocks in all; homeView() cuts at that and says so.
 */

export interface HomeSectionProvider {
  id: string;
  /** Shown in the section's header when it cannot be loaded. */
  title: string;
  build(userId: string): Promise<HomeSection | undefined>;
}

/** Re-publishes a person's Home tab (after their proposal or sign-up changed). Never throws. */
export interface HomePublisher {
  publish(client: WebClient, userId: string, log: Logger): Promise<void>;
}

export interface AppHome extends HomePublisher {
  /** Adds sections below the ones already there. */
  add(sections: HomeSectionProvider[]): void;
  build(userId: string, log: Logger): Promise<HomeView>;
  /** The app_home_opened handler. */
  opened(args: EventArgs<'app_home_opened'>): Promise<void>;
}

export function createAppHome(logger: Logger): AppHome {
  const sections: HomeSectionProvider[] = [];

  const build = async (userId: string, log: Logger): Promise<HomeView> => {
    const built = await Promise.all(
      sections.map(async (provider) => {
        try {
          return await provider.build(userId);
        } catch (err) {
          log.warn({ section: provider.id, err: errorMessage(err) }, 'home section unavailable');
          return unavailableSection(provider.id, provider.title);
        }
      }),
    );
    return homeView(built.filter((s): s is HomeSection => s !== undefined));
  };

  const publish = async (client: WebClient, userId: string, log: Logger): Promise<void> => {
    try {
      await client.views.publish({ user_id: userId, view: await build(userId, log) });
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'could not publish App Home');
    }
  };

  return {
    add: (more) => void sections.push(...more),
    build,
    publish,
    opened: async ({ event, client, context }) => {
      if (event.tab !== 'home') return;
      await publish(client, event.user, requestLog(context, logger));
    },
  };
}
