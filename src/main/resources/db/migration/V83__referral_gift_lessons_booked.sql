-- 赠送课时排课 (decision 719): when a reward's gifted lessons were booked onto the family's schedule; booked once
alter table referral_reward add column gift_lessons_booked_at timestamp with time zone;
