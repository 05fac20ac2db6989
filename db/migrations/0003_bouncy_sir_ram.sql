CREATE TABLE `repositories` (
	`id` text PRIMARY KEY NOT NULL,
	`short_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`config` text NOT NULL,
	`compression_mode` text DEFAULT 'auto' NOT NULL,
	`status` text DEFAULT 'unknown' NOT NULL,
	`last_checked` integer,
	`last_error` text,
	`doctor_result` text,
	`stats` text,
	`stats_updated_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `repositories_short_id_unique` ON `repositories` (`short_id`);--> statement-breakpoint
CREATE INDEX `repositories_org` ON `repositories` (`organization_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `repositories_org_name` ON `repositories` (`organization_id`,`name`);