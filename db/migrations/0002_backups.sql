CREATE TABLE `backup_schedule_mirrors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`schedule_id` integer NOT NULL,
	`repository_id` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`schedule_id`) REFERENCES `backup_schedules`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`repository_id`) REFERENCES `repositories`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `backup_schedule_mirrors_pair` ON `backup_schedule_mirrors` (`schedule_id`,`repository_id`);--> statement-breakpoint
CREATE TABLE `backup_schedules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`short_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`volume_id` integer NOT NULL,
	`repository_id` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`cron_expression` text DEFAULT '' NOT NULL,
	`timezone` text,
	`retention_policy` text,
	`exclude_patterns` text DEFAULT '[]' NOT NULL,
	`exclude_if_present` text DEFAULT '[]' NOT NULL,
	`include_paths` text DEFAULT '[]' NOT NULL,
	`include_patterns` text DEFAULT '[]' NOT NULL,
	`custom_restic_params` text DEFAULT '[]' NOT NULL,
	`one_file_system` integer DEFAULT false NOT NULL,
	`compression_mode` text,
	`backup_webhooks` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`failure_retry_count` integer DEFAULT 0 NOT NULL,
	`max_retries` integer DEFAULT 2 NOT NULL,
	`retry_delay` integer DEFAULT 900000 NOT NULL,
	`last_backup_at` integer,
	`last_backup_status` text,
	`last_backup_error` text,
	`last_backup_summary` text,
	`last_skipped_at` integer,
	`next_backup_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`volume_id`) REFERENCES `volumes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`repository_id`) REFERENCES `repositories`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `backup_schedules_short_id_unique` ON `backup_schedules` (`short_id`);--> statement-breakpoint
CREATE INDEX `backup_schedules_org` ON `backup_schedules` (`organization_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `backup_schedules_org_name` ON `backup_schedules` (`organization_id`,`name`);--> statement-breakpoint
CREATE INDEX `backup_schedules_due` ON `backup_schedules` (`enabled`,`next_backup_at`);