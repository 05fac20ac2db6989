ALTER TABLE `tasks` ADD `exclusive_key` text;--> statement-breakpoint
CREATE INDEX `tasks_organization_created` ON `tasks` (`organization_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `tasks_exclusive_key_active` ON `tasks` (`exclusive_key`) WHERE exclusive_key IS NOT NULL AND status IN ('queued', 'running');