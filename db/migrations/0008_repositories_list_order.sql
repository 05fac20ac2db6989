DROP INDEX `repositories_org`;--> statement-breakpoint
CREATE INDEX `repositories_org_created` ON `repositories` (`organization_id`,`created_at`);