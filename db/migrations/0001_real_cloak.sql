CREATE TABLE `rest_users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`password_hash` text NOT NULL,
	`private_repos` integer DEFAULT true NOT NULL,
	`append_only` integer DEFAULT false NOT NULL,
	`quota_bytes` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rest_users_username_unique` ON `rest_users` (`username`);