import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { isAdmin } from '../config.js';
import type { Deps } from '../deps.js';
import type { Logger } from '../infra/logger.js';
import { homeView, unavailableSection, type HomeSection } from './home-view.js';
import { proposalHomeBlocks } from '../proposals/slack/home.js';
import { worldcafeHomeSection } from '../worldcafe/slack/home.js';
import { requestLog } from './middleware/request-context.js';

/**
 * App Home: each feature contributes one section, in the order of HOME_SECTIONS. A section that
 * fails to load shows a short 「一時的に表示できません」 instead of breaking the whole tab.
 */

export interface HomeSectionProvider {
  id: string;
  /** Shown in the section's header when it cannot be loaded. */
  title: string;
  build(deps: Deps, userId: string): Promise<HomeSection | undefined>;
}

const proposalsSection: HomeSectionProvider = {
  id: 'proposals',
  title: 'あなたの改善提案',
  async build(deps, userId) {
    const admin = isAdmin(deps.config, userId);
    const [mine, queue] = await Promise.all([
      deps.proposals.listByUser(userId, 15),
      admin ? deps.proposals.reviewQueue(10) : Promise.resolve([]),
    ]);
    return { id: 'proposals', blocks: proposalHomeBlocks(mine, { userId, admin }, queue) };
  },
};

/** World Café sign-ups (issue 4): the user's sign-ups and the sessions coming up. */
const worldcafeSection: HomeSectionProvider = {
  id: 'worldcafe',
  title: 'ワールドカフェ・オフサイトミーティング等',
  async build(deps, userId) {
    const [mine, upcoming] = await Promise.all([deps.events.mine(userId), deps.events.listUpcoming(5)]);
    return { id: 'worldcafe', blocks: worldcafeHomeSection({ mine, upcoming }) };
  },
};

/**
 * The sections of App Home, top to bottom. A feature adds its section by adding a provider here
 * (its blocks come from its own builder in its feature's slack/ folder). Slack allows 100 blocks in all;
 * homeView() cuts at that and says so.
 */
export const HOME_SECTIONS: HomeSectionProvider[] = [proposalsSection, worldcafeSection];

export async function buildHome(deps: Deps, userId: string, log: Logger): Promise<ReturnType<typeof homeView>> {
  const sections = await Promise.all(
    HOME_SECTIONS.map(async (provider) => {
      try {
        return await provider.build(deps, userId);
      } catch (err) {
        log.warn({ section: provider.id, err: err instanceof Error ? err.message : String(err) }, 'home section unavailable');
        return unavailableSection(provider.id, provider.title);
      }
    }),
  );
  return homeView(sections.filter((s): s is HomeSection => s !== undefined));
}

/** Publishes the user's Home tab (also after their proposal or sign-up changes). Never throws. */
export async function publishHome(client: WebClient, deps: Deps, userId: string, log: Logger): Promise<void> {
  try {
    await client.views.publish({ user_id: userId, view: await buildHome(deps, userId, log) });
  } catch (err) {
    log.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not publish App Home');
  }
}

export function appHomeOpenedHandler(deps: Deps) {
  return async ({ event, client, context }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    await publishHome(client, deps, event.user, requestLog(context, deps.logger));
  };
}
