import type { RouteTable } from '../../slack/routes.js';
import { announceCancelActionHandler } from './cancel-action.js';
import { announceCommandHandler } from './command.js';
import { announceComposeSubmitHandler } from './compose-submit.js';
import type { AnnounceDeps } from './deps.js';
import { announceJoinActionHandler } from './join-action.js';
import { announceLinkActionHandler } from './link-action.js';
import { ANNOUNCE_CANCEL_ACTION } from './list.js';
import { ANNOUNCE_JOIN_ACTION, ANNOUNCE_LINK_ACTION } from './message.js';
import { ANNOUNCE_COMPOSE_CALLBACK, ANNOUNCE_PREVIEW_CALLBACK } from './modal.js';
import { announcePreviewSubmitHandler } from './preview-submit.js';

/** Initiative announcements: /announce, its form and preview, 取り消す, and 参加する on a posted one. */
export function announceRoutes(deps: AnnounceDeps): RouteTable {
  return {
    commands: { '/announce': { handle: announceCommandHandler(deps) } },
    buttons: {
      [ANNOUNCE_CANCEL_ACTION]: { handle: announceCancelActionHandler(deps), admin: true },
      [ANNOUNCE_JOIN_ACTION]: { handle: announceJoinActionHandler(deps) },
      [ANNOUNCE_LINK_ACTION]: { handle: announceLinkActionHandler() },
    },
    views: {
      [ANNOUNCE_COMPOSE_CALLBACK]: { handle: announceComposeSubmitHandler(deps), admin: true },
      [ANNOUNCE_PREVIEW_CALLBACK]: { handle: announcePreviewSubmitHandler(deps), admin: true },
    },
  };
}
